import { Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { Response } from 'express';
import { Person } from '@kierto/network';
import { SeriesAccessGuard, SeriesScoped } from '../auth/series-access.guard';
import { DashboardService } from './dashboard.service';
import { WebController, WebPerson, WebSession } from './web.decorators';
import { WebPages } from './web-pages.service';
import { WebRequest } from './web-request';

/** The first page after login: the person's series and their next meetings. */
@WebController()
@WebSession()
export class DashboardController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async home(
    @WebPerson() person: Person,
    @Query('confirmed') confirmed: string | undefined,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    await this.pages.send(req, res, 'dashboard', async (t, lang) => {
      const cards = await this.dashboard.forPerson(person, t, lang);
      return {
        title: t.dashboardTitle,
        data: {
          ...cards,
          anySeries: cards.coordinated.length + cards.member.length > 0,
          notice: confirmed === '1' ? t.confirmedNotice : null,
        },
      };
    });
  }

  /** Confirms the proposed meeting; the invitations are queued in the same transaction. */
  @Post('meetings/:meetingId/confirm')
  @SeriesScoped('meetingId', 'meeting')
  @UseGuards(SeriesAccessGuard)
  async confirm(@WebPerson() person: Person, @Param('meetingId') id: string, @Res() res: Response) {
    await this.dashboard.confirm(person, id);
    res.redirect(303, '/?confirmed=1');
  }
}
